/**
 * Client profiles, stored apart from the rig file, one YAML file per client under an opaque id (no
 * names are needed or kept): stature, body mass, optional measured landmarks, personal height offsets
 * per spine segment, the SR-20 maximum strap height and saved exercise presets.
 */
package com.lianarig.config.profile;
