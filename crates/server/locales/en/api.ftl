# The `message` of the API's error answers (the `code` never changes).

api-validation = some fields are not valid: { $fields }
api-invalid-request = { $detail }
api-unauthenticated = log in first: send a Bearer token or the session cookie
api-wrong-login = wrong e-mail or password
api-forbidden = your roles do not allow this
api-not-found = no such resource
api-method-not-allowed = method not allowed
api-payload-too-large = payload too large
api-unsupported-media-type = a request sent with the session cookie must have Content-Type: application/json
api-unavailable = the service is unavailable; try again shortly
api-rate-limited = too many attempts; try again in { $seconds } s
api-token-expired = the link has expired or was already used
api-internal = an internal error occurred; it has been logged
