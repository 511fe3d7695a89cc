/** Replay-based evaluation of recorded topics. */
package io.ferstream.replay;
