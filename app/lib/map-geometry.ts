/**
 * The dispute map's sizes, in the SVG's user units (CSS pixels when it is
 * drawn at its natural size), shared by the layout on the server and the
 * drawing. The server cannot measure text, so a line holds as many
 * characters as the wider letters would fit: titles wrap early rather than
 * overflow their box.
 */
export const MAP_BOX = {
  width: 208,
  padding: 10,
  /** The viewpoint's colour bar along the box's left edge. */
  stripe: 5,
  titleCharacters: 23,
  maxTitleLines: 4,
  titleSize: 14,
  titleLine: 18,
  viewpointCharacters: 27,
  maxViewpointLines: 2,
  viewpointSize: 12.5,
  viewpointLine: 16,
};

/** Room above the columns for their headings. */
export const MAP_HEADING_ROOM = 36;

/** A box's height for a title of `titleLines` lines and its viewpoint's name below it. */
export function boxHeight(titleLines: number, viewpointLines: number): number {
  return 2 * MAP_BOX.padding + titleLines * MAP_BOX.titleLine + viewpointLines * MAP_BOX.viewpointLine;
}
