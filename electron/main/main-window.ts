/**
 * The one main window: opened at start, re-opened on macOS `activate`, brought forward
 * by a second launch, a deep link or a notification click. When its page starts
 * loading anew (reload, crash recovery) or goes away, push events queue again until the
 * new page says it listens.
 */

/** The parts of a BrowserWindow used here. */
export interface WindowLike {
  readonly webContents: {
    readonly id: number;
    on(event: 'did-start-loading' | 'destroyed', listener: () => void): unknown;
  };
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface MainWindowOptions<W extends WindowLike> {
  /** Creates a window with the secure options (not shown until ready-to-show). */
  readonly create: () => W;
  /** The app's start page. */
  readonly url: string;
  /** Electron windows exist only after `app.whenReady()`. */
  readonly isAppReady: () => boolean;
  /** The page of web contents `id` is gone or reloading: stop pushing to it. */
  readonly onPageGone: (webContentsId: number) => void;
}

export class MainWindow<W extends WindowLike> {
  private window: W | undefined;
  private opening: Promise<void> | undefined;

  constructor(private readonly options: MainWindowOptions<W>) {}

  /** The live window, if any (for dialogs' parent). */
  get current(): W | undefined {
    return this.window && !this.window.isDestroyed() ? this.window : undefined;
  }

  isMainWebContents(id: number): boolean {
    return this.current?.webContents.id === id;
  }

  /** Opens the window unless it is open. */
  open(): Promise<void> {
    if (this.current) return Promise.resolve();
    if (this.opening) return this.opening;
    const window = this.options.create();
    this.window = window;
    const id = window.webContents.id;
    window.webContents.on('did-start-loading', () => this.options.onPageGone(id));
    window.webContents.on('destroyed', () => this.options.onPageGone(id));
    window.on('closed', () => {
      if (this.window === window) this.window = undefined;
    });
    window.once('ready-to-show', () => window.show());
    this.opening = window.loadURL(this.options.url).finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  /** Shows, restores and focuses the window, opening it if it was closed. */
  focus(): void {
    const window = this.current;
    if (!window) {
      if (this.options.isAppReady()) void this.open().catch(() => undefined);
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
