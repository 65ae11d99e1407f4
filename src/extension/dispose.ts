/** Something that can be disposed (a vscode.Disposable, a listener handle, …). */
export interface IDisposable {
  dispose(): unknown;
}

/** Base class: owns the disposables it registers and disposes them once, newest first. */
export abstract class Disposable implements IDisposable {
  private _isDisposed = false;
  protected _disposables: IDisposable[] = [];

  public dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    disposeAll(this._disposables);
  }

  protected _register<T extends IDisposable>(value: T): T {
    if (this._isDisposed) value.dispose();
    else this._disposables.push(value);
    return value;
  }

  protected get isDisposed(): boolean {
    return this._isDisposed;
  }
}

export function disposeAll(disposables: IDisposable[]): void {
  while (disposables.length) {
    const d = disposables.pop();
    try {
      d?.dispose();
    } catch {
      // One failing disposer must not keep the others from running.
    }
  }
}
