/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The gateway's GraphQL endpoint, e.g. https://billing-api.example.com/graphql. */
  readonly VITE_GATEWAY_URL?: string;
  /** This frontend's API key (sent as X-Api-Key). It ships in the bundle: use a key made for this frontend only. */
  readonly VITE_API_KEY?: string;
}
