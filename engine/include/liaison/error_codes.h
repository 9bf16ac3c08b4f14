/* Central message table of the Liaison library: LIA_ERR(code, exit code,
 * French message, English message).  Messages say what failed; the subject
 * ("on what") is added by lia_error_format.  No trailing full stop.
 * Keep one section per module; never renumber or reuse a code name. */
#ifndef LIA_ERROR_TABLE_INCLUDE
#error "include liaison/error.h instead"
#endif

/* general */
LIA_ERR(LIA_OK, LIA_EXIT_OK, "succès", "success")
LIA_ERR(LIA_E_NOMEM, LIA_EXIT_INTERNAL, "mémoire insuffisante", "out of memory")
LIA_ERR(LIA_E_INTERNAL, LIA_EXIT_INTERNAL, "erreur interne", "internal error")
LIA_ERR(LIA_E_USAGE, LIA_EXIT_USAGE, "utilisation incorrecte", "invalid usage")
LIA_ERR(LIA_E_IO, LIA_EXIT_IO, "échec d'entrée/sortie", "input/output failed")
LIA_ERR(LIA_E_NOT_FOUND, LIA_EXIT_IO, "introuvable", "not found")
LIA_ERR(LIA_E_ENCODING, LIA_EXIT_IO, "encodage invalide", "invalid encoding")
LIA_ERR(LIA_E_INTERRUPTED, LIA_EXIT_FAILED, "interrompu par un signal", "interrupted by a signal")
LIA_ERR(LIA_E_BUSY, LIA_EXIT_BUSY, "verrou détenu par un autre processus", "lock held by another process")
LIA_ERR(LIA_E_NOT_IMPLEMENTED, LIA_EXIT_INTERNAL, "commande pas encore disponible", "command not available yet")

/* configuration */
LIA_ERR(LIA_E_CONFIG, LIA_EXIT_CONFIG, "configuration invalide", "invalid configuration")
LIA_ERR(LIA_E_CONFIG_SYNTAX, LIA_EXIT_CONFIG, "ligne de configuration mal formée", "malformed configuration line")
LIA_ERR(LIA_E_CONFIG_KEY, LIA_EXIT_CONFIG, "clé de configuration inconnue", "unknown configuration key")
LIA_ERR(LIA_E_CONFIG_VALUE, LIA_EXIT_CONFIG, "valeur de configuration invalide", "invalid configuration value")
LIA_ERR(LIA_E_CONFIG_MISSING, LIA_EXIT_CONFIG, "clé de configuration obligatoire absente", "required configuration key missing")
LIA_ERR(LIA_E_SECRET_PERMS, LIA_EXIT_CONFIG, "fichier de mot de passe lisible par d'autres utilisateurs (chmod 600)", "password file readable by other users (chmod 600)")
LIA_ERR(LIA_E_SECRET_MISSING, LIA_EXIT_CONFIG, "mot de passe introuvable", "password not found")

/* database (TDS) */
LIA_ERR(LIA_E_CONNECT, LIA_EXIT_CONNECT, "connexion au serveur impossible", "cannot connect to the server")
LIA_ERR(LIA_E_TIMEOUT, LIA_EXIT_CONNECT, "délai dépassé", "timed out")
LIA_ERR(LIA_E_CONN_LOST, LIA_EXIT_CONNECT, "connexion au serveur perdue", "connection to the server lost")
LIA_ERR(LIA_E_ENCRYPTION, LIA_EXIT_CONNECT, "chiffrement de la connexion refusé", "connection encryption refused")
LIA_ERR(LIA_E_LOGIN, LIA_EXIT_AUTH, "échec de l'authentification", "login failed")
LIA_ERR(LIA_E_DB_OPEN, LIA_EXIT_DATABASE, "impossible d'ouvrir la base de données", "cannot open the database")
LIA_ERR(LIA_E_NOT_GESCOM, LIA_EXIT_DATABASE, "la base n'est pas une base Sage 100 Gestion Commerciale", "the database is not a Sage 100 Gestion Commerciale database")
LIA_ERR(LIA_E_INVALID_OBJECT, LIA_EXIT_DATABASE, "objet inexistant", "invalid object name")
LIA_ERR(LIA_E_INVALID_COLUMN, LIA_EXIT_DATABASE, "colonne inexistante", "invalid column name")
LIA_ERR(LIA_E_PERMISSION, LIA_EXIT_PERMISSION, "permission refusée", "permission denied")
LIA_ERR(LIA_E_DEADLOCK, LIA_EXIT_FAILED, "transaction choisie comme victime d'un interblocage", "transaction chosen as deadlock victim")
LIA_ERR(LIA_E_DUPLICATE, LIA_EXIT_FAILED, "clé en double", "duplicate key")
LIA_ERR(LIA_E_SQL, LIA_EXIT_FAILED, "erreur SQL Server", "SQL Server error")
LIA_ERR(LIA_E_SQL_FILE, LIA_EXIT_IO, "texte T-SQL introuvable ou illisible", "T-SQL text missing or unreadable")
LIA_ERR(LIA_E_PARAM, LIA_EXIT_USAGE, "paramètre SQL invalide", "invalid SQL parameter")
LIA_ERR(LIA_E_TYPE, LIA_EXIT_FAILED, "conversion de valeur impossible", "value conversion failed")

/* journal */
LIA_ERR(LIA_E_JOURNAL, LIA_EXIT_IO, "écriture du journal impossible", "cannot write the journal")

/* analyzer */
LIA_ERR(LIA_E_ANALYZE_FORMAT, LIA_EXIT_CONFIG, "format de journal invalide", "invalid journal format")
LIA_ERR(LIA_E_ANALYZE_RULE, LIA_EXIT_CONFIG, "règle de classification invalide", "invalid classification rule")
LIA_ERR(LIA_E_ANALYZE_INPUT, LIA_EXIT_IO, "journal illisible", "unreadable journal")
LIA_ERR(LIA_E_RUN_FAILED, LIA_EXIT_FAILED, "au moins une exécution a échoué", "at least one run failed")

/* diagnostics */
LIA_ERR(LIA_E_DIAG_CATALOG, LIA_EXIT_CONFIG, "catalogue de contrôles invalide", "invalid check catalogue")
LIA_ERR(LIA_E_DIAG_UNKNOWN_CHECK, LIA_EXIT_USAGE, "contrôle inconnu", "unknown check")

/* install / replicate / verify / feed */
LIA_ERR(LIA_E_SCRIPT_ALTERED, LIA_EXIT_DATABASE, "script déjà appliqué modifié depuis", "applied script altered since")
LIA_ERR(LIA_E_SCHEMA_VERSION, LIA_EXIT_DATABASE, "version des objets Liaison incompatible", "incompatible Liaison objects version")
LIA_ERR(LIA_E_DRIFT, LIA_EXIT_FINDINGS, "écart entre GesCom et la copie CRM", "drift between GesCom and the CRM copy")
LIA_ERR(LIA_E_FISCAL_YEAR, LIA_EXIT_DATABASE, "exercices comptables absents ou incohérents", "fiscal years missing or inconsistent")
LIA_ERR(LIA_E_FOREIGN_OBJECT, LIA_EXIT_DATABASE, "objet existant non créé par Liaison", "existing object not created by Liaison")
LIA_ERR(LIA_E_PAUSED, LIA_EXIT_BUSY, "réplication en pause (interrupteur présent)", "replication paused (switch file present)")

/* push (SOAP) */
LIA_ERR(LIA_E_SOAP_FAULT, LIA_EXIT_REMOTE, "erreur renvoyée par le service web", "web service fault")
LIA_ERR(LIA_E_HTTP, LIA_EXIT_REMOTE, "erreur HTTP du service web", "web service HTTP error")
LIA_ERR(LIA_E_HTTP_AUTH, LIA_EXIT_AUTH, "accès au service web refusé", "web service access denied")
LIA_ERR(LIA_E_XML, LIA_EXIT_REMOTE, "réponse XML invalide ou refusée", "invalid or refused XML response")
LIA_ERR(LIA_E_SESSION, LIA_EXIT_AUTH, "session du service web expirée", "web service session expired")
LIA_ERR(LIA_E_SOAP_TOO_BIG, LIA_EXIT_REMOTE, "réponse du service web trop volumineuse", "web service response too large")
LIA_ERR(LIA_E_TLS, LIA_EXIT_CONNECT, "certificat du service web refusé (vérification TLS)", "web service certificate refused (TLS verification)")
LIA_ERR(LIA_E_PUSH_RULE, LIA_EXIT_FAILED, "enregistrement refusé par les règles GesCom", "record refused by the GesCom rules")
LIA_ERR(LIA_E_PUSH_PAYLOAD, LIA_EXIT_FAILED, "contenu d'un élément de la file d'envoi invalide", "invalid outbox item payload")
