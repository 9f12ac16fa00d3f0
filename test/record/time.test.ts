import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoSeconds } from '../../src/record/time.js'

describe('record time text', () => {
  it('isoSeconds matches Date#toISOString from 1970 to the end of 9999', () => {
    const reference = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z')
    for (const s of [0, 59, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 4_107_542_400 /* 2100-03-01 */, 1_767_225_600, 253_402_300_799]) {
      expect(isoSeconds(s)).toBe(reference(s))
    }
    fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (s) => {
      expect(isoSeconds(s)).toBe(reference(s))
    }), { numRuns: 5000 })
  })
})
