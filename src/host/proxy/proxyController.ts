import * as vscode from 'vscode';
import { proxyEnvironment, type ProxyProvider } from '../../core/proxy/proxyRoutes';
import { ProxyBindError, startProxyServer, type RunningProxy } from '../../core/proxy/proxyServer';
import type { KeyProvider } from '../../core/runtime/transport';
import { CommandId } from '../commands/commandIds';
import { demoProviderUrl } from '../runtime/runtimeService';
import type { Services } from '../services';

/** What Start Local Proxy returns (for scripts and tests; the token is this session's only). */
export interface ProxyInfo {
  url: string;
  port: number;
  token: string;
  ledgerDir: string;
}

/** The local proxy of this window: started and stopped by command, shown in the status bar while it runs. */
export class ProxyController implements vscode.Disposable {
  private running: { proxy: RunningProxy; info: ProxyInfo } | undefined;
  private starting: Promise<ProxyInfo | undefined> | undefined;
  private readonly item = vscode.window.createStatusBarItem('tokenwise.proxy', vscode.StatusBarAlignment.Right, 99);

  constructor(private readonly services: Services) {
    this.item.name = 'Tokenwise proxy';
    // A click on the item runs Start again, which for a running proxy opens its menu.
    this.item.command = CommandId.StartProxy;
  }

  get info(): ProxyInfo | undefined {
    return this.running?.info;
  }

  /** Starts the proxy, or shows the menu of the one already running. Resolves undefined when it could not start. */
  start(): Promise<ProxyInfo | undefined> {
    if (this.running) {
      void this.menu();
      return Promise.resolve(this.running.info);
    }
    this.starting ??= this.launch().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async launch(): Promise<ProxyInfo | undefined> {
    const { log, settings, keys, runtime } = this.services;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Tokenwise sends no requests from an untrusted workspace: trust the workspace to start the local proxy.');
      return undefined;
    }
    const port = settings.settings['proxy.port'];
    // The Demo provider (a loopback URL only, checked by demoProviderUrl) answers instead of the providers, as for the Playground.
    const local = demoProviderUrl();
    const upstreams: Partial<Record<ProxyProvider, string>> | undefined = local ? { openai: `${local}/v1`, anthropic: local } : undefined;
    const keyProvider: KeyProvider = {
      get: async (provider) => (provider === 'openai' || provider === 'anthropic' ? await keys.get(provider) : undefined) ?? (local ? 'demo-key' : undefined),
    };
    let proxy: RunningProxy;
    try {
      const workspace = runtime.workspace;
      proxy = await startProxyServer({ port, pipeline: () => runtime.get(), keys: keyProvider, logger: log, ...(upstreams ? { upstreams } : {}), ...(workspace ? { workspace } : {}) });
    } catch (error) {
      const inUse = error instanceof ProxyBindError && error.code === 'port_in_use';
      const message = inUse
        ? `Tokenwise: the local proxy could not start: port ${port} is already in use. Change "tokenwise.proxy.port" (0 picks a free port).`
        : `Tokenwise: the local proxy could not start: ${error instanceof Error ? error.message : String(error)}`;
      log.error(message);
      void vscode.window.showErrorMessage(message, inUse ? 'Open Settings' : 'Show Log').then((choice) => {
        if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'tokenwise.proxy.port');
        else if (choice) log.show();
      });
      return undefined;
    }
    const info: ProxyInfo = { url: proxy.url, port: proxy.port, token: proxy.token, ledgerDir: runtime.ledgerDir };
    this.running = { proxy, info };
    log.info(`Local proxy listening on ${proxy.url}${local ? ` (upstream ${local})` : ''}.`);
    this.item.text = `$(radio-tower) Proxy :${proxy.port}`;
    this.item.tooltip = `Tokenwise local proxy on ${proxy.url}: click to copy its environment or stop it`;
    this.item.show();
    void vscode.window.showInformationMessage(
      `Tokenwise proxy running at ${proxy.url}. Point your app at it: base URLs and the session token as the API key.`, 'Copy environment',
    ).then((choice) => { if (choice) void this.copyEnvironment(); });
    return info;
  }

  private async copyEnvironment(): Promise<void> {
    if (!this.running) return;
    await vscode.env.clipboard.writeText(proxyEnvironment(this.running.info.url, this.running.info.token));
    void vscode.window.showInformationMessage('Copied OPENAI_BASE_URL, OPENAI_API_KEY, ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY for the Tokenwise proxy.');
  }

  private async menu(): Promise<void> {
    const copy = { label: '$(copy) Copy environment', description: 'base URLs and session token' };
    const stop = { label: '$(debug-stop) Stop local proxy' };
    const log = { label: '$(output) Show log' };
    const choice = await vscode.window.showQuickPick([copy, stop, log], { placeHolder: `Tokenwise proxy on ${this.running?.info.url ?? ''}` });
    if (choice === copy) await this.copyEnvironment();
    else if (choice === stop) await this.stop();
    else if (choice === log) this.services.log.show();
  }

  /** Resolves false when no proxy was running. */
  async stop(): Promise<boolean> {
    await this.starting;
    const running = this.running;
    if (!running) return false;
    this.running = undefined;
    this.item.hide();
    await running.proxy.close();
    this.services.log.info('Local proxy stopped.');
    return true;
  }

  dispose(): void {
    void this.stop();
    this.item.dispose();
  }
}
