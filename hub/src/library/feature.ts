import * as path from 'path';

import { ClassService } from '../classes/service';
import { IHubContext, IFeature } from '../context';
import { NotebookEnvironments } from '../environments/notebooks';
import { BlobStore } from '../storage/blobs';
import { fold } from './analyze';
import { readBaseEnvironment, IBaseEnvironment } from './exchange';
import { Recommender } from './recommend';
import { LibraryService } from './service';
import { LibraryStore } from './store';
import { loadTaxonomy } from './taxonomy';

/**
 * The library feature's services.
 */
export interface ILibraryServices {
  library: LibraryService;
  recommender: Recommender;
  /** The platform's base environment, for the Binder files of library exports. */
  baseEnvironment: IBaseEnvironment;
}

/**
 * The library: resources, versions, search, endorsements and recommendations.
 */
export function create(
  context: IHubContext,
  deps: {
    classes: ClassService;
    notebookEnvironments: NotebookEnvironments;
  }
): IFeature<ILibraryServices> {
  const { config } = context;
  const taxonomy = loadTaxonomy();
  const store = new LibraryStore(context.db);
  const library = new LibraryService(
    store,
    new BlobStore(path.join(config.dataDir, 'library', 'blobs')),
    taxonomy,
    context.clock,
    deps.notebookEnvironments
  );
  // Recommendations follow the levels of the classes one teaches.
  const recommender = new Recommender(store, taxonomy, async userId =>
    Private.levelIds(
      taxonomy.levels,
      (await deps.classes.forUser(userId))
        .filter(klass => klass.membership === 'teacher')
        .map(klass => klass.level ?? '')
    )
  );
  return {
    services: {
      library,
      recommender,
      baseEnvironment: readBaseEnvironment(config.venvDir)
    }
  };
}

namespace Private {
  /**
   * The taxonomy ids of class levels written freely (« 2de », « Terminale », « tle »).
   */
  export function levelIds(
    levels: readonly { id: string; label: string }[],
    written: readonly string[]
  ): string[] {
    const key = (text: string) => fold(text).trim();
    const found = new Set<string>();
    for (const text of written.map(key)) {
      const level = levels.find(
        entry => key(entry.id) === text || key(entry.label) === text
      );
      if (level) {
        found.add(level.id);
      }
    }
    return [...found];
  }
}
