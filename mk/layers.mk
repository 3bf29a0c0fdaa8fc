# mk/layers.mk - the walls between model/, io/ and solver/ (README
# "Layout"), checked on every #include by tools/check-layers.sh.
.PHONY: check-layers
CHECK_EXTRA += check-layers

check-layers:
	@sh tools/check-layers.sh
	@python3 tools/include-cycles.py io >/dev/null || python3 tools/include-cycles.py io
