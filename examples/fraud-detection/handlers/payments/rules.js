// The fraud rule set: each rule looks at one payment and adds points with a
// reason. Scores of REVIEW_SCORE and above go to an analyst, BLOCK_SCORE and
// above are declined. Pure functions, so they are easy to test and tune.
'use strict';

/** Countries the card issuer considers high-risk for card-not-present payments (ISO 3166-1 alpha-2). */
const HIGH_RISK_COUNTRIES = new Set(['KP', 'IR', 'SY', 'CU']);

/** Each rule returns `[points, reason]` when it fires, or undefined. */
const RULES = [
  (p) => (p.amountCents >= 500_000 ? [35, 'amount of 5,000 or more'] : p.amountCents >= 100_000 ? [15, 'amount of 1,000 or more'] : undefined),
  (p) => (p.billingCountry && p.ipCountry && p.billingCountry !== p.ipCountry ? [20, 'IP country differs from billing country'] : undefined),
  (p) => (HIGH_RISK_COUNTRIES.has(p.ipCountry) ? [40, 'IP in a high-risk country'] : undefined),
  (p) => (p.cardAgeDays !== undefined && p.cardAgeDays < 2 ? [15, 'card added less than two days ago'] : undefined),
  (p) => (p.attemptsLastHour >= 5 ? [25, `${p.attemptsLastHour} attempts in the last hour`] : undefined),
  (p) => (p.cvcMatched === false ? [30, 'CVC mismatch'] : undefined),
  (p) => (p.channel === 'card-not-present' && p.threeDSecure !== true ? [10, 'card not present without 3-D Secure'] : undefined),
];

/** Checks the fields scoring needs; returns the problems found. */
function validate(p) {
  const problems = [];
  if (!p || typeof p !== 'object') return ['payment must be a JSON object'];
  if (typeof p.paymentId !== 'string' || p.paymentId === '') problems.push('paymentId must be a non-empty string');
  if (!Number.isInteger(p.amountCents) || p.amountCents <= 0) problems.push('amountCents must be a positive whole number');
  if (typeof p.currency !== 'string' || !/^[A-Z]{3}$/.test(p.currency)) problems.push('currency must be an ISO 4217 code such as EUR');
  return problems;
}

/**
 * Scores one payment: `{ paymentId, score (0-100), decision, reasons }`,
 * decision `approve`, `review` or `decline`.
 */
function score(payment, thresholds = { review: 50, block: 80 }) {
  const hits = RULES.map((rule) => rule(payment)).filter(Boolean);
  const total = Math.min(100, hits.reduce((sum, [points]) => sum + points, 0));
  const decision = total >= thresholds.block ? 'decline' : total >= thresholds.review ? 'review' : 'approve';
  return { paymentId: payment.paymentId, score: total, decision, reasons: hits.map(([, reason]) => reason) };
}

module.exports = { RULES, score, validate };
