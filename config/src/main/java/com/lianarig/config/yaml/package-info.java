/**
 * Reading a user's YAML or JSON file into every error at once: {@link com.lianarig.config.yaml.Documents}
 * parses it (malformed text becomes one error with its line and column; duplicate keys, aliases and
 * extra documents are reported too) and records where each value sits; an
 * {@link com.lianarig.config.yaml.ObjectReader} walks one mapping, checking types, ranges and
 * unknown keys, and reports into {@link com.lianarig.config.yaml.Problems}, which names the file,
 * the path, the value and the rule of each error.
 */
package com.lianarig.config.yaml;
