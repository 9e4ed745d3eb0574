/**
 * What {@code rig panel} and {@code rig monitor} share: the broker connection (Paho
 * {@code MqttAsyncClient}, TLS and password options, clear messages when the broker cannot be
 * reached), the payloads of docs/mqtt.md read into records, and the load bar with its colour band.
 */
package com.lianarig.tools.mqtt;
