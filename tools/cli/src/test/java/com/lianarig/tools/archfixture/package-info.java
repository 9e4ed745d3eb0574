/**
 * Fixtures for {@link com.lianarig.tools.ModuleDependencyRulesCatchViolationsTest}: a miniature of the
 * rig's modules under {@code rig} (classes named {@code Bad*} break one module rule each, the others
 * are allowed dependencies) and stand-ins for the hardware libraries under {@code vendor}.
 * Never used by production code.
 */
package com.lianarig.tools.archfixture;
