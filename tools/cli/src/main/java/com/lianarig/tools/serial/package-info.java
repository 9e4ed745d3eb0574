/**
 * What the tools that open a node's serial port themselves share ({@code rig calibrate},
 * {@code rig commission}): a link that reports why the port could not be opened instead of retrying.
 */
package com.lianarig.tools.serial;
