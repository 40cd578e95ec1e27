/**
 * Command ids of the quick fixes. CompressPromptInSelection is declared in package.json; the other
 * two are internal (run by code actions with arguments, so they are not listed in the palette).
 */
export enum FixCommandId {
  CompressPromptInSelection = 'tokenwise.compressPromptInSelection',
  ApplyWithPreview = 'tokenwise.applyFixWithPreview',
  OpenBatchRewrite = 'tokenwise.openBatchRewrite',
}
