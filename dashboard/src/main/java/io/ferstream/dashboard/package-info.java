/** FerStream dashboard module. */
package io.ferstream.dashboard;
