/**
 * Vendor tokens that say what they are by their prefix (`ghp_`, `xoxb-`, `AIza`, `sk_live_`…):
 * masked wherever they stand, with no key before them. Our own patterns, written after reading
 * the published rule sets of secret scanners — gitleaks (config/gitleaks.toml), trufflehog
 * (pkg/detectors: github/v2, azure_storage…) and Yelp's detect-secrets (plugins: keyword,
 * high_entropy_strings, aws, slack, stripe, twilio, sendgrid, npm, pypi_token, jwt, azure_storage_key…).
 * Lengths are a little looser than the vendors' (a log may cut a token short: it is still masked).
 */
import type { SecretPattern } from './secretPatterns.ts';

/** Starts a token only where a token-character run starts, so a 64 KB run is one start. */
const START = String.raw`(?<![A-Za-z0-9_+/-])`;
/** A token ends where its characters end. */
const END = String.raw`(?![A-Za-z0-9_-])`;

function token(body: string, flags = ''): RegExp {
  return new RegExp(String.raw`${START}(?<value>${body})${END}`, `dg${flags}`);
}

/** Upper case, lower case and a digit: what a random key has and a hyphenated name has not. */
const mixed = (value: string): boolean => /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);

/** The prefixed vendor tokens, masked after every keyed shape (see SECRET_PATTERNS). */
export const TOKEN_PATTERNS: readonly SecretPattern[] = [
  // GitHub: personal, OAuth, user-to-server, server-to-server, refresh; fine-grained PATs.
  { kind: 'token', regex: token(String.raw`gh[pousr]_[A-Za-z0-9]{20,255}`), keywords: ['gh'] },
  { kind: 'token', regex: token(String.raw`github_pat_[A-Za-z0-9_]{22,255}`), keywords: ['github_pat_'] },
  // GitLab: personal, deploy, runner, pipeline-trigger, feed, SCIM, CI build, incoming-mail, agent, OAuth.
  {
    kind: 'token',
    regex: token(String.raw`gl(?:pat|dt|rt|ptt|ft|soat|cbt|imt|agent|oas)-[A-Za-z0-9_-]{20,}`),
    keywords: ['gl'],
  },
  // Slack: bot, user, app, legacy and config tokens; incoming webhooks.
  { kind: 'token', regex: token(String.raw`xox[abeoprs]-(?:\d-)?[A-Za-z0-9-]{10,}`), keywords: ['xox'] },
  { kind: 'token', regex: token(String.raw`xapp-\d-[A-Za-z0-9-]{10,}`), keywords: ['xapp-'] },
  {
    kind: 'token',
    regex: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<value>[A-Za-z0-9+/_-]{20,})/dg,
    keywords: ['hooks.slack.com'],
  },
  // Google: API keys, OAuth client secrets and access tokens.
  { kind: 'token', regex: token(String.raw`AIza[0-9A-Za-z_-]{30,}`), keywords: ['aiza'] },
  { kind: 'token', regex: token(String.raw`GOCSPX-[A-Za-z0-9_-]{20,}`), keywords: ['gocspx-'] },
  { kind: 'token', regex: token(String.raw`ya29\.[A-Za-z0-9_-]{20,}`), keywords: ['ya29.'] },
  // OpenAI (sk-, sk-proj-, sk-svcacct-, sk-admin-) and Anthropic (sk-ant-…): a name like
  // `sk-worker-pool-a` is not one (a key mixes cases and digits).
  {
    kind: 'token',
    regex: token(String.raw`sk-(?:proj-|svcacct-|admin-|ant-[a-z]+\d*-)?[A-Za-z0-9_-]{20,}`),
    accept: mixed,
    keywords: ['sk-'],
  },
  // Stripe: secret and restricted keys, webhook secrets.
  {
    kind: 'secret-key',
    regex: token(String.raw`(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}`),
    keywords: ['sk_', 'rk_'],
  },
  { kind: 'secret-key', regex: token(String.raw`whsec_[A-Za-z0-9+/=]{20,}`), keywords: ['whsec_'] },
  // AWS (and the other prefixes of its key ids), Alibaba Cloud, Tencent Cloud.
  {
    kind: 'access-key',
    regex: token(String.raw`(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}`),
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca', 'agpa', 'aida', 'aroa', 'aipa', 'anpa', 'anva'],
  },
  { kind: 'access-key', regex: token(String.raw`LTAI[A-Za-z0-9]{12,20}`), keywords: ['ltai'] },
  { kind: 'access-key', regex: token(String.raw`AKID[A-Za-z0-9]{13,40}`), keywords: ['akid'] },
  // Azure storage account key (64 bytes, base64) anywhere.
  {
    kind: 'secret-key',
    regex: /(?<![A-Za-z0-9+/])(?<value>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/dg,
    keywords: ['=='],
  },
  // npm, PyPI, RubyGems, Docker Hub, Hugging Face, Databricks, DigitalOcean, Shopify, Vault, Grafana, Atlassian.
  { kind: 'token', regex: token(String.raw`npm_[A-Za-z0-9]{30,}`), keywords: ['npm_'] },
  { kind: 'token', regex: token(String.raw`pypi-Ag[A-Za-z0-9_-]{40,}`), keywords: ['pypi-'] },
  { kind: 'token', regex: token(String.raw`rubygems_[a-f0-9]{40,}`), keywords: ['rubygems_'] },
  { kind: 'token', regex: token(String.raw`dckr_pat_[A-Za-z0-9_-]{20,}`), keywords: ['dckr_pat_'] },
  { kind: 'token', regex: token(String.raw`hf_[A-Za-z0-9]{30,}`), keywords: ['hf_'] },
  { kind: 'token', regex: token(String.raw`dapi[a-f0-9]{32}(?:-\d)?`), keywords: ['dapi'] },
  { kind: 'token', regex: token(String.raw`do[opr]_v1_[a-f0-9]{64}`), keywords: ['_v1_'] },
  { kind: 'token', regex: token(String.raw`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`), keywords: ['shp'] },
  { kind: 'token', regex: token(String.raw`hv[sbr]\.[A-Za-z0-9_-]{24,}`), keywords: ['hvs.', 'hvb.', 'hvr.'] },
  { kind: 'token', regex: token(String.raw`gl(?:c|sa)_[A-Za-z0-9+/_=]{32,}`), keywords: ['glc_', 'glsa_'] },
  { kind: 'token', regex: token(String.raw`ATATT3[A-Za-z0-9_=-]{50,}`), keywords: ['atatt3'] },
  // Twilio API key SID, SendGrid, Mailchimp, Square, Telegram bots, OpenShift.
  { kind: 'token', regex: token(String.raw`SK[0-9a-fA-F]{32}`), keywords: ['sk'] },
  { kind: 'token', regex: token(String.raw`SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}`), keywords: ['sg.'] },
  { kind: 'token', regex: token(String.raw`[0-9a-f]{32}-us\d{1,2}`), keywords: ['-us'] },
  {
    kind: 'token',
    regex: token(String.raw`sq0(?:atp|csp)-[A-Za-z0-9_-]{22,}|EAAA[A-Za-z0-9_-]{40,}`),
    keywords: ['sq0', 'eaaa'],
  },
  { kind: 'token', regex: token(String.raw`\d{8,10}:AA[A-Za-z0-9_-]{30,}`), keywords: [':aa'] },
  { kind: 'token', regex: token(String.raw`sha256~[A-Za-z0-9_-]{43}`), keywords: ['sha256~'] },
  // age secret keys.
  { kind: 'private-key', regex: token(String.raw`AGE-SECRET-KEY-1[0-9A-Z]{58}`), keywords: ['age-secret-key-1'] },
  // A Kubernetes bootstrap token (`kubeadm token create` prints it alone): id.secret, the secret with letters and digits.
  {
    kind: 'token',
    regex: /(?<![\w.-])(?<value>[a-z0-9]{6}\.[a-z0-9]{16})(?![\w.-])/dg,
    accept: (value) => /[a-z]/.test(value.slice(7)) && /\d/.test(value.slice(7)),
  },
];
