/* placeholder */ typedef int tern_placeholder_rfc2047;
