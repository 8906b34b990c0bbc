/**
 * The join QR code, drawn on the server as SVG so the projector needs no
 * script and the code is crisp at any size. Error correction M (15 %) keeps
 * the code small enough to read from the back of a room and survives a
 * projector's glare on a few modules.
 */
import { renderSVG } from "uqr";
import { LRUCache } from "lru-cache";

const drawn = new LRUCache<string, string>({ max: 200, maxSize: 4 * 1024 * 1024, sizeCalculation: (svg) => svg.length });

export function qrSvg(url: string): string {
  let svg = drawn.get(url);
  if (svg === undefined) {
    // One unit per module and a four-module quiet zone, as the QR standard asks; CSS sizes it.
    svg = renderSVG(url, { ecc: "M", border: 4, pixelSize: 1 }).replace("<svg ", '<svg aria-hidden="true" focusable="false" ');
    drawn.set(url, svg);
  }
  return svg;
}
