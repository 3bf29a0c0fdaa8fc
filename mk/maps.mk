# mk/maps.mk - end-to-end checks of `siaga plan --maps` (tests/e2e_maps.sh):
# the maps and the print report per kabupaten with the index page, its
# totals against the roster, GDAL (ogrinfo, Debian gdal-bin) opening a
# kabupaten's GeoJSON and KML, --maps none and single, a bad value.

.PHONY: e2e-maps
CHECK_EXTRA += e2e-maps

e2e-maps: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_maps.sh
