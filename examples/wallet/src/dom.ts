/**
 * The one DOM helper both pages share.
 */

/**
 * The element with this id; a page without it is a bug in the page, so this throws.
 *
 * @param id - the element id
 * @returns the element
 * @throws Error if there is none
 * @example
 * ```ts
 * el<HTMLTextAreaElement>('text').value = record
 * ```
 */
export function el<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (found === null) throw new Error(`missing #${id}`)
  return found as T
}
