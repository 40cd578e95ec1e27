// Image input cost from pixel size, per each provider's published formula.
import type { ImagePart, ImageTokens } from './partTally';

// OpenAI vision docs (gpt-4o / gpt-4.1 family): low detail is a flat 85 tokens; high detail
// fits the image in 2048x2048, scales the shortest side down to 768 px, then costs 85 plus
// 170 per 512 px tile.
const openAiBase = 85;
const openAiPerTile = 170;
// With no size known, assume a 1024x1024 high-detail image (4 tiles, 765 tokens), a common
// upload size; the result flags it as an assumption.
const openAiAssumed = openAiBase + 4 * openAiPerTile;

export function openAiImageTokens(image: ImagePart): ImageTokens {
  if (image.detail === 'low') return { tokens: openAiBase, assumed: false };
  if (!validSize(image.width) || !validSize(image.height)) return { tokens: openAiAssumed, assumed: true };
  let w = image.width;
  let h = image.height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shortest = Math.min(w, h);
  if (shortest > 768) {
    w = (w * 768) / shortest;
    h = (h * 768) / shortest;
  }
  const tiles = Math.ceil(w / 512) * Math.ceil(h / 512);
  return { tokens: openAiBase + openAiPerTile * tiles, assumed: false };
}

// Anthropic vision docs: tokens = width * height / 750, after the image is scaled down so its
// long edge is at most 1568 px and it costs at most about 1,600 tokens.
const anthropicMaxEdge = 1568;
const anthropicMaxTokens = 1600;

export function anthropicImageTokens(image: ImagePart): ImageTokens {
  if (!validSize(image.width) || !validSize(image.height)) return { tokens: anthropicMaxTokens, assumed: true };
  const fit = Math.min(1, anthropicMaxEdge / Math.max(image.width, image.height));
  const tokens = Math.ceil((image.width * fit * image.height * fit) / 750);
  return { tokens: Math.min(tokens, anthropicMaxTokens), assumed: false };
}

function validSize(n: number | undefined): n is number {
  return n !== undefined && Number.isFinite(n) && n > 0;
}
