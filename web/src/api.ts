/** A failed API call: the HTTP status and Hutong's `{error, message, issues?}` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message)
  }
  /** 404 on a route this server does not have (yet): the feature is not available here. */
  get unavailable(): boolean {
    return this.status === 404 && (this.code === 'route_not_found' || this.code === 'demo_unavailable')
  }
}

export interface ApiIssue {
  code: string
  path: (string | number)[]
  message: string
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
  key?: string | null
  query?: Record<string, string | number | undefined>
}

/** Calls the Hutong API on the same origin with an optional bearer key. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin)
  for (const [name, value] of Object.entries(options.query ?? {}))
    if (value !== undefined && value !== '') url.searchParams.set(name, String(value))
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.key) headers.authorization = `Bearer ${options.key}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })
  const text = await response.text()
  const data: unknown = text === '' ? null : safeJson(text)
  if (!response.ok) {
    const body = (data ?? {}) as { error?: string; message?: string; issues?: ApiIssue[] }
    throw new ApiError(
      response.status,
      body.error ?? `http_${response.status}`,
      body.message ?? response.statusText,
      body.issues ?? [],
    )
  }
  return data as T
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return { error: 'not_json', message: text.slice(0, 200) }
  }
}

/** Uploads a body with progress (fetch has no upload progress); resolves with the parsed JSON answer. */
export function upload<T>(
  path: string,
  body: Blob,
  options: { key: string | null; contentType: string; onProgress(fraction: number): void },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    if (options.key) xhr.setRequestHeader('authorization', `Bearer ${options.key}`)
    xhr.setRequestHeader('content-type', options.contentType)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total)
    }
    xhr.onload = () => {
      const data = safeJson(xhr.responseText || '{}') as {
        error?: string
        message?: string
        issues?: ApiIssue[]
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T)
      else
        reject(
          new ApiError(
            xhr.status,
            data.error ?? `http_${xhr.status}`,
            data.message ?? xhr.statusText,
            data.issues ?? [],
          ),
        )
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'))
    xhr.send(body)
  })
}
