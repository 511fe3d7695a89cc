/** FerStream aggregator module. */
package io.ferstream.aggregator;
