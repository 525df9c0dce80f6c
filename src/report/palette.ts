/**
 * The one colour scale of stances, event statuses and agreement states, for the briefing's charts
 * and the workbench alike (the workbench turns it into CSS custom properties, web/src/theme.ts).
 *
 * Stances run on a blue–orange diverging scale (support in blues, opposition in orange and red, the
 * unknowns in neutral greys), chosen so that every pair of stance fills stays clearly apart for
 * readers with protanopia, deuteranopia or tritanopia: ./palette.test.ts simulates each deficiency
 * (Machado, Oliveira & Fernandes 2009, severity 1) and checks the CIEDE2000 distance of every pair,
 * and the WCAG contrast of each symbol on its fill. Colour is never the only carrier: every cell
 * also shows the stance's symbol. Pure constants, no I/O.
 */
import type { EventStatus, Stance } from '../model/schemas.js';

/** A fill and the ink (symbol or text colour) drawn on it. */
export interface Swatch {
  fill: string;
  ink: string;
}

/** The colour themes: light (paper, the briefing and PDF) and dark (the workbench in dark mode). */
export type Theme = 'light' | 'dark';

/** Stance fills and inks per theme. */
export const STANCE_SWATCH: Record<Theme, Record<Stance, Swatch>> = {
  light: {
    accepts: { fill: '#1f5fa8', ink: '#ffffff' },
    'accepts-with-conditions': { fill: '#8fc1e3', ink: '#0b2740' },
    'proposes-alternative': { fill: '#f6a96b', ink: '#3d1800' },
    rejects: { fill: '#a3202a', ink: '#ffffff' },
    undecided: { fill: '#8e8e8e', ink: '#111111' },
    'no-public-position': { fill: '#ebebeb', ink: '#444444' },
  },
  dark: {
    accepts: { fill: '#3d85d8', ink: '#06121f' },
    'accepts-with-conditions': { fill: '#a3cdef', ink: '#0b2740' },
    'proposes-alternative': { fill: '#f2a46c', ink: '#3d1800' },
    rejects: { fill: '#d2433d', ink: '#000000' },
    undecided: { fill: '#7d8591', ink: '#0a0a0a' },
    'no-public-position': { fill: '#3a4049', ink: '#d0d4da' },
  },
};

/** Agreement state of a point (see `rowAgreement` in src/analysis/positions.ts). */
export type AgreementState = 'accepted-by-all' | 'contested' | 'unknown';

/** Fills of the agreement states in the per-axis bars (each bar segment also carries a pattern and a number). */
export const AGREEMENT_SWATCH: Record<Theme, Record<AgreementState, Swatch>> = {
  light: {
    'accepted-by-all': { fill: '#1f5fa8', ink: '#ffffff' },
    contested: { fill: '#e07b39', ink: '#1f0b00' },
    unknown: { fill: '#d5d8dd', ink: '#1c2430' },
  },
  dark: {
    'accepted-by-all': { fill: '#3d85d8', ink: '#06121f' },
    contested: { fill: '#f08a4b', ink: '#1f0b00' },
    unknown: { fill: '#4a515c', ink: '#e6e9ee' },
  },
};

/** Marker colour of each event status (each status also has its own marker shape). */
export const STATUS_SWATCH: Record<Theme, Record<EventStatus, string>> = {
  light: {
    held: '#1f5fa8',
    scheduled: '#1f5fa8',
    rescheduled: '#6b46c1',
    postponed: '#b35000',
    cancelled: '#a3202a',
    'under-way': '#1f5fa8',
    proposed: '#5f6b7a',
  },
  dark: {
    held: '#7fb2ec',
    scheduled: '#7fb2ec',
    rescheduled: '#b79cf0',
    postponed: '#f2a46c',
    cancelled: '#f07a74',
    'under-way': '#7fb2ec',
    proposed: '#a3adba',
  },
};

/** Neutral colours of the charts: paper, ink, muted text, grid lines, axis bands. */
export const CHART_NEUTRALS: Record<Theme, { paper: string; ink: string; muted: string; grid: string; band: string; bandInk: string; empty: string }> = {
  light: { paper: '#ffffff', ink: '#1c2430', muted: '#5b6573', grid: '#e3e6ea', band: '#eef2f7', bandInk: '#1f3a5f', empty: '#f6f7f9' },
  dark: { paper: '#15181c', ink: '#e6e9ee', muted: '#a3adba', grid: '#2c323a', band: '#20252c', bandInk: '#c6d6ee', empty: '#1d2126' },
};
