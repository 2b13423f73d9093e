import * as path from 'path';
import { markKind } from './validation';

/**
 * Where a function's code comes from.
 */
export enum FunctionCodeKind {
  /** A local folder, packaged at synth time. */
  ASSET = 'asset',
  /** Source text given inline. */
  INLINE = 'inline',
}

/**
 * The code of an EventDrivenFunction: a local folder or inline source.
 *
 * AWS packages it as a CDK asset; Azure and GCP as a zip that Terraform
 * uploads. The folder's existence is checked when the function is
 * constructed, so the error can name the construct.
 */
export class FunctionCode {
  /**
   * Code from a local folder. Relative paths are resolved against the
   * current working directory.
   *
   * @param assetPath the folder holding the handler module
   */
  public static fromAsset(assetPath: string): FunctionCode {
    // A path that is not a string is kept as given, for the function to report with its construct path.
    return new FunctionCode(FunctionCodeKind.ASSET, typeof assetPath === 'string' ? path.resolve(assetPath) : assetPath, undefined);
  }

  /**
   * Code given as source text: the handler module's whole content.
   *
   * @param source the module source (AWS limits inline code to 4096 characters)
   */
  public static fromInline(source: string): FunctionCode {
    return new FunctionCode(FunctionCodeKind.INLINE, undefined, source);
  }

  /** Whether the code is a folder or inline source. */
  public readonly kind: FunctionCodeKind;

  /** The absolute folder path, for ASSET code. */
  public readonly assetPath?: string;

  /** The source text, for INLINE code. */
  public readonly inlineSource?: string;

  private constructor(kind: FunctionCodeKind, assetPath: string | undefined, inlineSource: string | undefined) {
    this.kind = kind;
    this.assetPath = assetPath;
    this.inlineSource = inlineSource;
  }
}

markKind(FunctionCode, 'FunctionCode');
