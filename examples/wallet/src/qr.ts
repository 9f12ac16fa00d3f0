/**
 * A record as a QR code (SVG). The encoder is qrcode-generator (Kazuhiko Arase, MIT, no
 * dependencies); the `u…` text form is plain ASCII, so byte mode carries it as is.
 */
import qrcode from 'qrcode-generator'

/**
 * An SVG QR code of `text`, smallest version that fits, error correction level L (records are
 * long; the screen is clean).
 *
 * @param text - what to encode
 * @returns the SVG markup and its size in modules
 * @throws Error if the text does not fit in a QR code (over 2,953 bytes)
 * @example
 * ```ts
 * element.innerHTML = qrSvg(record.text).svg
 * ```
 */
export function qrSvg(text: string): { svg: string; modules: number } {
  const qr = qrcode(0, 'L')
  qr.addData(text, 'Byte')
  qr.make()
  return { svg: qr.createSvgTag({ cellSize: 3, margin: 4, scalable: true }), modules: qr.getModuleCount() }
}
