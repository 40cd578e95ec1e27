/** Every command the extension registers; package.json's contributes.commands lists the same ids. */
export enum CommandId {
  ShowLog = 'tokenwise.showLog',
  OpenPlayground = 'tokenwise.openPlayground',
  OpenSpend = 'tokenwise.openSpend',
  SetApiKey = 'tokenwise.setApiKey',
  ClearApiKey = 'tokenwise.clearApiKey',
  RunInPlayground = 'tokenwise.runInPlayground',
  AnalyzeWorkspace = 'tokenwise.analyzeWorkspace',
  ExportReport = 'tokenwise.exportReport',
  CountTokensInSelection = 'tokenwise.countTokensInSelection',
  CompareModels = 'tokenwise.compareModels',
  UpdatePrices = 'tokenwise.updatePrices',
  OpenSpendDashboard = 'tokenwise.openSpendDashboard',
  ExportSpend = 'tokenwise.exportSpend',
  StartProxy = 'tokenwise.startProxy',
  StopProxy = 'tokenwise.stopProxy',
}
