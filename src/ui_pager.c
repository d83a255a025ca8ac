/* placeholder */ typedef int tern_placeholder_ui_pager;
