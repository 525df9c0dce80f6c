/**
 * Shapes produced by the plan parser (./parse.ts). A parsed provision is a provision before it is
 * given a lineage and a status: what the text itself says.
 */
import type { Alternative, BracketSpan, ProvisionKind } from '../model/schemas.js';

/** One node of a parsed plan. */
export interface ParsedProvision {
  kind: ProvisionKind;
  /** Label as written, normalised ("21", "a", "I"); null when unnumbered. */
  num: string | null;
  /** Heading (axis title, or a point's title when the layout gives one); null when none. */
  heading: string | null;
  /** The node's own text, whitespace-normalised, without its label and without its children. */
  text: string;
  /** 1-based line of the input on which the node starts. */
  line: number;
  /** `[...]` spans in `text` (offsets into `text`, brackets included). */
  brackets: BracketSpan[];
  /** `Option A: … / Option B: …` alternatives found in the node. */
  alternatives: Alternative[];
  children: ParsedProvision[];
}

/** An anomaly met while parsing; `code` is stable (see WARNING_CODES in ./parse.ts). */
export interface ParseWarning {
  /** 1-based input line. */
  line: number;
  code: string;
  message: string;
}

/** What {@link parsePlan} returns. */
export interface ParseResult {
  provisions: ParsedProvision[];
  warnings: ParseWarning[];
}

/** Input format of a plan. */
export type PlanFormat = 'text' | 'markdown';
