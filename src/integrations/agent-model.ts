import type * as AnthropicModule from '@ai-sdk/anthropic';
import type * as OpenAIModule from '@ai-sdk/openai';
import type * as OpenAICompatibleModule from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { CodeModeError } from '../errors.ts';

/** Models used when `--model` names only a provider (or nothing, and the provider's key is set). */
export const DEFAULT_MODELS = { anthropic: 'claude-sonnet-4-5', openai: 'gpt-5-mini' } as const;

export interface ModelChoice {
  /** `PROVIDER:MODEL` (`anthropic:claude-sonnet-4-5`, `openai:gpt-5-mini`, `compatible:llama3.1`) or a provider. */
  model?: string | undefined;
  /** An OpenAI-compatible endpoint (llama.cpp, Ollama, vLLM): `http://127.0.0.1:11434/v1`. */
  baseUrl?: string | undefined;
  env: NodeJS.ProcessEnv;
}

/**
 * The AI SDK model for `codemode agent`, from flags and the environment:
 * `--model` or `CODEMODE_MODEL`; `--base-url`, `CODEMODE_BASE_URL` or `OPENAI_BASE_URL` for an OpenAI-compatible
 * endpoint; keys from `ANTHROPIC_API_KEY`, `OPENAI_API_KEY` (or `CODEMODE_API_KEY` for a compatible endpoint).
 *
 * @throws CodeModeError `USAGE` naming what is missing: a key, or a model for a compatible endpoint.
 */
export async function resolveModel(choice: ModelChoice): Promise<{ model: LanguageModel; label: string }> {
  const { env } = choice;
  const spec = choice.model ?? env.CODEMODE_MODEL;
  const baseUrl = choice.baseUrl ?? env.CODEMODE_BASE_URL ?? env.OPENAI_BASE_URL;
  const [provider, name] = splitSpec(spec, baseUrl, env);

  if (provider === 'compatible') {
    if (!baseUrl)
      throw usage(
        'an OpenAI-compatible model needs --base-url (or CODEMODE_BASE_URL), e.g. http://127.0.0.1:11434/v1',
      );
    if (!name)
      throw usage(
        'name the model served at the base URL: --model compatible:MODEL (e.g. compatible:llama3.1)',
      );
    const { createOpenAICompatible } = await load<typeof OpenAICompatibleModule>('@ai-sdk/openai-compatible');
    const apiKey = env.CODEMODE_API_KEY ?? env.OPENAI_API_KEY;
    const local = createOpenAICompatible({ name: 'compatible', baseURL: baseUrl, ...(apiKey && { apiKey }) });
    return { model: local.chatModel(name), label: `${name} at ${baseUrl}` };
  }
  if (provider === 'anthropic') {
    if (!env.ANTHROPIC_API_KEY)
      throw usage('ANTHROPIC_API_KEY is not set (or choose another model with --model)');
    const { createAnthropic } = await load<typeof AnthropicModule>('@ai-sdk/anthropic');
    const model = name ?? DEFAULT_MODELS.anthropic;
    return { model: createAnthropic({ apiKey: env.ANTHROPIC_API_KEY })(model), label: `anthropic:${model}` };
  }
  if (provider === 'openai') {
    if (!env.OPENAI_API_KEY) throw usage('OPENAI_API_KEY is not set (or choose another model with --model)');
    const { createOpenAI } = await load<typeof OpenAIModule>('@ai-sdk/openai');
    const model = name ?? DEFAULT_MODELS.openai;
    return { model: createOpenAI({ apiKey: env.OPENAI_API_KEY })(model), label: `openai:${model}` };
  }
  throw usage(`unknown provider "${provider}" (providers: anthropic, openai, compatible)`);
}

function splitSpec(
  spec: string | undefined,
  baseUrl: string | undefined,
  env: NodeJS.ProcessEnv,
): [string, string | undefined] {
  if (spec) {
    const colon = spec.indexOf(':');
    return colon === -1 ? [spec, undefined] : [spec.slice(0, colon), spec.slice(colon + 1) || undefined];
  }
  if (baseUrl) return ['compatible', undefined];
  if (env.ANTHROPIC_API_KEY) return ['anthropic', undefined];
  if (env.OPENAI_API_KEY) return ['openai', undefined];
  throw usage(
    'no model: set ANTHROPIC_API_KEY or OPENAI_API_KEY, or pass --base-url for a local OpenAI-compatible server',
  );
}

async function load<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw usage(`the provider package ${name} is not installed: npm install ${name}`);
  }
}

function usage(message: string): CodeModeError {
  return new CodeModeError('USAGE', message);
}
