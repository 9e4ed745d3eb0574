/** {@code rig panel-pair}: pairing phones and tablets with the rig's web panel (SPEC 6a). */
package com.lianarig.tools.pairing;
