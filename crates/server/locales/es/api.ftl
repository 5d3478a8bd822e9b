# El `message` de las respuestas de error de la API (el `code` no cambia nunca).

api-validation = algunos campos no son válidos: { $fields }
api-invalid-request = la petición no es válida: { $detail }
api-unauthenticated = inicia sesión primero: envía un token Bearer o la cookie de sesión
api-wrong-login = correo electrónico o contraseña incorrectos
api-forbidden = tus roles no permiten esta acción
api-not-found = no existe ese recurso
api-method-not-allowed = método no permitido
api-payload-too-large = la petición es demasiado grande
api-unsupported-media-type = una petición enviada con la cookie de sesión debe llevar Content-Type: application/json
api-unavailable = el servicio no está disponible; inténtalo de nuevo en unos momentos
api-rate-limited = demasiados intentos; inténtalo de nuevo dentro de { $seconds } s
api-token-expired = el enlace ha caducado o ya se usó
api-internal = se produjo un error interno; ha quedado registrado
