/* placeholder */ typedef int tern_placeholder_account;
