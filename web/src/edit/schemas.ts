/**
 * The server's input schemas the Edit page's forms check their request bodies with (src/model/inputs.ts:
 * the same schemas the routes parse those bodies with), loaded after zod is told to run without eval.
 */
import '../zod-jitless.js';

export { ChangesInput, StanceInput } from '../../../src/model/inputs.js';
