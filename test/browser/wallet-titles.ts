// What the wallet example's verifier page shows for a valid one-record presentation: every check,
// in order, in plain words (examples/wallet/src/explain.ts). Shared by the Node test of the
// explanations and the Chromium test of the page.

/** Every check a valid one-record presentation shows, in order, in plain words. */
export const VALID_TITLES: readonly string[] = [
  'Readable presentation',
  "Signed by the customer's own key",
  'Made for this verifier',
  "Answers this page's challenge",
  'Made just now, not expired',
  'Shown here for the first time (not a replay)',
  'Shown by the customer it was issued to',
  'Every record in it valid',
  'Record: Readable record',
  'Record: Signed by its issuer and unchanged since',
  'Record: Within its validity period',
]
