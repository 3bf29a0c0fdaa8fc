/*
 * schemas.h - the XML Schemas of formats.md, compiled into the program
 * from the schema folder by tools/embed-schemas.sh.
 */
#ifndef SIAGA_SCHEMAS_H
#define SIAGA_SCHEMAS_H

extern const char siaga_schema_scenario_1[];
extern const char siaga_schema_roster_1[];
extern const char siaga_schema_roster_2[];
extern const char siaga_schema_overlay_1[];

#endif
