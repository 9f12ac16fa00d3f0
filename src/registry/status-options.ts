/**
 * Whether `verify` was asked about registry status. Kept apart from the status check itself so
 * `counterfoil/verify` can decide without loading the registry code.
 *
 * @param o - the status options (see `StatusOptions` in status-check.ts)
 * @returns true when a registry, staple or snapshot was given, or registration is required
 */
export function wantsStatus(o: { readonly registry?: unknown; readonly staple?: unknown; readonly snapshot?: unknown; readonly requireRegistration?: boolean }): boolean {
  return o.registry !== undefined || o.staple !== undefined || o.snapshot !== undefined || o.requireRegistration === true
}
