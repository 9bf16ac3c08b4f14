/* `liaison install`: not implemented yet (see the issue tracker). */
#include "commands.h"

int lia_cmd_install(int argc, char **argv)
{
    (void)argc;
    return lia_cli_not_available(argv[0]);
}
