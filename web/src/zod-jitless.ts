/**
 * zod in the browser runs without compiling parsers: the workbench's content security policy
 * forbids eval, and zod's probe for `new Function` (made when its first object schema is built)
 * would be reported as a violation. Import this module before any module that builds schemas.
 */
import { z } from 'zod';

z.config({ jitless: true });
