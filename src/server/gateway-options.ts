/** How the gateway presents the catalog to clients. Every field has a default; see {@link resolveGatewayOptions}. */
export interface GatewayOptions {
  /** Also expose every upstream tool directly as `namespace__tool`, for simple one-call tasks. Default: false. */
  hybrid?: boolean;
  /** Token budget of execute's result and of its logs, each (estimated high). Default: {@link DEFAULT_RESULT_TOKENS}. */
  resultTokens?: number;
  /**
   * Inline the whole API (compact declarations) into execute's description when it is at most this many tokens, so a
   * model can skip search. 0 turns it off. Default: {@link DEFAULT_INLINE_API_TOKENS}.
   */
  inlineApiTokens?: number;
}

/**
 * A result bigger than ~4,000 tokens is rarely what a model should read: it wants the program to filter. It is also
 * a fraction of any context window, so a few executions in a row stay affordable.
 */
export const DEFAULT_RESULT_TOKENS = 4_000;

/**
 * The gateway's tools/list stays under 1,000 o200k tokens whatever the upstream catalog: its own three tools take ~380
 * with the list of servers, which leaves room to inline an API of ~450 tokens (a server or two with a handful of tools).
 */
export const DEFAULT_INLINE_API_TOKENS = 450;

export type ResolvedGatewayOptions = Required<GatewayOptions>;

export function resolveGatewayOptions(options: GatewayOptions = {}): ResolvedGatewayOptions {
  return {
    hybrid: options.hybrid ?? false,
    resultTokens: options.resultTokens ?? DEFAULT_RESULT_TOKENS,
    inlineApiTokens: options.inlineApiTokens ?? DEFAULT_INLINE_API_TOKENS,
  };
}
