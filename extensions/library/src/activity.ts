import type { ILibrary } from '@candyce/core';
import { Signal } from '@lumino/signaling';

/**
 * What the user does with the library's resources, whichever `LibraryApi` saw it (the
 * panel, its actions and the publish form each make their own): `ILibrary.activity`
 * forwards it.
 */
export const libraryActivity = new Signal<object, ILibrary.IActivity>({});
