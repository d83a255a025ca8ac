/* placeholder */ typedef int tern_placeholder_mutf7;
