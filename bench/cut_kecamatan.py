#!/usr/bin/env python3
"""cut_kecamatan.py SCENARIO.xml KEC_CODE OUT.xml: the scenario with one
kecamatan only (make verify-cuts KEC=...).  The personnel becomes one Polres
unit of 10000 over the kabupaten, so the cut scenario stays valid whatever
units were scoped elsewhere; only the posts (item 3) matter to the check."""
import sys, xml.etree.ElementTree as ET
if len(sys.argv) != 4:
    sys.exit(__doc__)
src, kec, out = sys.argv[1], sys.argv[2], sys.argv[3]
ns = 'urn:siaga:scenario:1'
ET.register_namespace('', ns)
t = ET.parse(src); r = t.getroot()
for kab in r.findall('{%s}kabupaten' % ns):
    for k in list(kab.findall('{%s}kecamatan' % ns)):
        if k.get('code') != kec: kab.remove(k)
    if not kab.findall('{%s}kecamatan' % ns): r.remove(kab)
for p in r.findall('{%s}personnel' % ns):
    for u in list(p):
        p.remove(u)
    ET.SubElement(p, '{%s}unit' % ns, {'id':'POLRES-X','force':'polri','name':'Polres X','kabupaten':kec[:4],'count':'10000'})
if not r.findall('{%s}kabupaten' % ns):
    sys.exit('cut_kecamatan: no kecamatan %s in %s' % (kec, src))
t.write(out, xml_declaration=True, encoding='UTF-8')
