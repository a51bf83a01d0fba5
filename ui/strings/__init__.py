"""The Korean and English strings, one table per page; ``ui.i18n`` merges them."""
