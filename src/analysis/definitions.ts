/**
 * The definitions Accord's negotiation analysis uses, in words, as printed in `accord solve --json`
 * (`details.definitions`) and explained with their sources in docs/analysis.md. One place, so the
 * documentation, the JSON and the code say the same thing.
 */
export const DEFINITIONS = {
  utility:
    'linear additive: u_p = Σ_i w_pi · v_pi(option), weights scaled to sum 1, option values 0–100 (reported 0–1 for GENIUS/GeniusWeb imports)',
  normalisation:
    'GENIUS XML: each discrete evaluation divided by the largest evaluation of its issue (the minimum is not subtracted); numeric issues: offset + slope·(x − lowerbound); GeniusWeb: value utilities as given',
  disagreementPoint: 'each party\'s reservation value r_p (0 when none is given); a package is feasible when it crosses no red line and gives every party at least r_p',
  paretoFrontier:
    'feasible packages no other feasible package weakly improves for every party and strictly for one, decided in exact rational arithmetic; paretoSize counts its distinct utility points (as NegMAS does), details.pareto.outcomes the packages reaching them',
  nash: 'maximise Π_p (u_p − r_p) over feasible packages, over the parties who can gain at all',
  kalaiSmorodinsky:
    'maximise the smallest normalised gain (u_p − r_p)/(M_p − r_p), M_p = best feasible utility; ties to the larger utility sum (NegMAS minimises the spread of normalised gains instead)',
  egalitarian: 'maximise the smallest gain min_p (u_p − r_p); ties to the larger utility sum',
  utilitarian: 'maximise Σ_p u_p over feasible packages',
  oppositionLevel: 'smallest Euclidean distance from (u_p / best_p)_p to (1, …, 1) over feasible packages, best_p over all packages',
  conflictLevel: 'share of package pairs (not tied for both) that the two parties rank in opposite order',
  winWinLevel: 'share of the same pairs that both parties rank in the same strict order',
  relativeWelfare: 'the feasible package maximising Σ_p (u_p − r_p)/(M_p − r_p)',
  convexHull: 'frontier points that are the unique maximisers of some strictly positive weighted sum of utilities',
  discount: 'GENIUS <discount_factor> δ: reported and ignored (static analysis) unless a time t is given, then utilities and reservations × δ^t',
} as const;
