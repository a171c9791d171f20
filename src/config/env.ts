import { z } from 'zod'

/** The environment variables Hutong reads, validated once. This is the only reader of `process.env`. */
const envSchema = z.object({
  HUTONG_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  HUTONG_DATA_DIR: z.string().min(1).optional(),
  HUTONG_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  HUTONG_HOST: z.string().min(1).optional(),
  HUTONG_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HUTONG_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HUTONG_SECRET_PREVIOUS: z
    .string()
    .regex(/^[^,]{32,}(,[^,]{32,})*$/, 'must be a comma-separated list of secrets of at least 32 characters')
    .optional(),
  HUTONG_PUBLIC_URL: z.string().url().optional(),
  HUTONG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  HUTONG_FETCH_ALLOW_PRIVATE: z.string().optional(),
  HUTONG_FETCH_PORTS: z
    .string()
    .regex(/^\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*$/, 'must be a comma-separated list of ports')
    .optional(),
  HUTONG_GRADING_THRESHOLDS_FILE: z.string().min(1).optional(),
  HUTONG_NO_SEED: z.enum(['0', '1', 'true', 'false']).optional(),
})

export type Env = z.infer<typeof envSchema>

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] }

/** Reads and validates the `HUTONG_*` variables; empty strings count as unset. */
export function readEnv(source: Record<string, string | undefined> = process.env): EnvResult {
  const picked: Record<string, string> = {}
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('HUTONG_') && value !== undefined && value !== '') picked[key] = value
  }
  const parsed = envSchema.safeParse(picked)
  if (parsed.success) return { ok: true, env: parsed.data }
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  }
}
