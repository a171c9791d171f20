export { createAddressGuard, classifyIp } from './address-guard.js'
export type { AddressGuard, AddressVerdict } from './address-guard.js'
export { FetchError, FETCH_ERROR_CODES, isFetchError } from './fetch-error.js'
export type { FetchErrorCode } from './fetch-error.js'
export { IMAGE_TYPES, sniffImageType } from './image-type.js'
export type { ImageType } from './image-type.js'
export type { HostLookup, ResolvedAddress } from './pinned-connector.js'
export { createSafeFetcher, DEFAULT_USER_AGENT } from './safe-fetcher.js'
export type {
  ExpandedLink,
  FetchedImage,
  FetchedPage,
  FetchPageOptions,
  RedirectHop,
  SafeFetcher,
  SafeFetcherOptions,
} from './safe-fetcher.js'
export { checkUrl } from './url-guard.js'
