# Iniciar sesión
account-login-title = Iniciar sesión
account-email = Correo electrónico
account-password = Contraseña
account-login-button = Iniciar sesión
account-login-new-here = ¿Es tu primera vez aquí?
account-login-create = Crea una cuenta
account-login-wrong = El correo electrónico o la contraseña no son correctos.
account-login-too-many = Demasiados intentos fallidos. Espera un minuto y vuelve a intentarlo.

# Registro
account-register-title = Registrarse
account-register-heading = Crea tu cuenta
account-first-name = Nombre
account-last-name = Apellidos
account-register-password = Contraseña (mínimo 8 caracteres)
account-register-button = Registrarse
account-register-fix = Corrige los campos que se indican abajo.
account-register-taken = Ese correo electrónico ya está registrado. ¿Quieres iniciar sesión?
account-register-have-account = ¿Ya tienes una cuenta?
account-register-log-in = Iniciar sesión

# La página de inicio
account-home-title = Te damos la bienvenida
account-home-heading = Aprende un idioma con profesores de verdad
account-home-intro = Clases particulares y clases en grupos reducidos en todos los niveles, de A1 a C2, que pagas con paquetes de créditos flexibles, además de programas de curso que te acompañan paso a paso.
account-home-welcome = ¡Hola, { $name }!
account-home-find-course = Encuentra un curso
account-home-book-class = Reserva una clase
account-home-create = Crea tu cuenta
account-home-log-in = Ya tengo una cuenta: iniciar sesión
account-home-levels = Niveles
account-home-courses = Cursos
account-home-courses-text = Programas que te acompañan paso a paso.
account-home-see-courses = Ver los cursos
account-home-packages = Paquetes
account-home-packages-text = Créditos para clases particulares y clases grupales.
account-home-see-packages = Ver los paquetes
account-home-group-classes = Clases grupales
account-home-group-classes-text = Grupos reducidos, con lista de espera cuando se llenan.
account-home-see-schedule = Ver el horario

# Restablecer la contraseña
account-login-forgot = ¿Olvidaste tu contraseña?
account-reset-title = Restablece tu contraseña
account-reset-intro = Escribe el correo electrónico con el que te registraste. Te enviaremos un enlace para que elijas una nueva contraseña.
account-reset-button = Enviar enlace
account-reset-sent = Si ese correo electrónico está registrado, te enviamos a esa dirección un enlace para elegir una nueva contraseña. El enlace funciona una sola vez y durante una hora.
account-reset-back-to-login = Volver a iniciar sesión
account-reset-new-title = Elige una nueva contraseña
account-reset-new-password = Nueva contraseña (mínimo 8 caracteres)
account-reset-new-button = Guardar contraseña
account-reset-expired-title = Este enlace ya no funciona
account-reset-expired = Este enlace caducó o ya se usó. Pide uno nuevo.
account-reset-ask-again = Pedir un nuevo enlace
account-reset-changed = Tu contraseña se cambió correctamente. Inicia sesión con la nueva.
