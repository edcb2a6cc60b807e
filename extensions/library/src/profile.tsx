import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type {
  ITaxonomy,
  ITaxonomyEntry,
  ITeachingProfile,
  LibraryApi
} from './api';
import { errorMessage } from './errors';

/**
 * « Ce que j'enseigne »: the disciplines and levels recommendations are made for, shown
 * in one line and edited in place. Never saved, it shows the levels of the teacher's
 * classes and says so; saving tells `onSaved` (to fetch recommendations again).
 */
export function TeachingProfileEditor(props: {
  api: LibraryApi;
  taxonomy: ITaxonomy;
  trans: TranslationBundle;
  onSaved?: (profile: ITeachingProfile) => void;
}): JSX.Element | null {
  const { api, taxonomy, trans } = props;
  const [profile, setProfile] = React.useState<ITeachingProfile | null>(null);
  const [editing, setEditing] = React.useState(false);
  const [disciplines, setDisciplines] = React.useState<string[]>([]);
  const [levels, setLevels] = React.useState<string[]>([]);
  const [status, setStatus] = React.useState('');
  const [saving, setSaving] = React.useState(false);

  React.useEffect(() => {
    api
      .profile()
      .then(setProfile)
      .catch(reason => setStatus(errorMessage(reason, trans)));
  }, [api]);

  if (api.readOnly || !profile) {
    return status ? <p role="alert">{status}</p> : null;
  }
  const labels = (entries: readonly ITaxonomyEntry[], ids: string[]) =>
    entries.filter(entry => ids.includes(entry.id)).map(entry => entry.label);
  const said = [
    ...labels(taxonomy.disciplines, profile.disciplines),
    ...labels(taxonomy.levels, profile.levels)
  ];
  const startEditing = () => {
    setDisciplines(profile.disciplines);
    setLevels(profile.levels);
    setStatus('');
    setEditing(true);
  };
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const saved = await api.setProfile({ disciplines, levels });
      setProfile(saved);
      setEditing(false);
      setStatus(trans.__('Saved: recommendations follow what you teach.'));
      props.onSaved?.(saved);
    } catch (reason) {
      setStatus(errorMessage(reason, trans));
    } finally {
      setSaving(false);
    }
  };
  return (
    <section
      className="cdc-LibraryProfile"
      aria-labelledby="cdc-LibraryProfile-title"
    >
      <h3 id="cdc-LibraryProfile-title" className="cdc-LibraryProfile-title">
        {trans.__('What I teach')}
      </h3>
      {!editing && (
        <div className="cdc-LibraryProfile-summary">
          <span>
            {said.length
              ? said.join(' · ')
              : trans.__('Nothing said yet: tick your subjects and levels.')}
          </span>
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            aria-expanded={false}
            aria-controls="cdc-LibraryProfile-form"
            onClick={startEditing}
          >
            {trans.__('Edit')}
          </button>
        </div>
      )}
      {!editing && !profile.saved && profile.levels.length > 0 && (
        <p className="cdc-Library-note">
          {trans.__('From the levels of your classes.')}
        </p>
      )}
      {editing && (
        <form
          id="cdc-LibraryProfile-form"
          className="cdc-LibraryProfile-form"
          onSubmit={save}
        >
          <Choices
            legend={trans.__('Subjects')}
            name="profile-discipline"
            entries={taxonomy.disciplines}
            chosen={disciplines}
            onChange={setDisciplines}
          />
          <Choices
            legend={trans.__('Levels')}
            name="profile-level"
            entries={taxonomy.levels}
            chosen={levels}
            onChange={setLevels}
          />
          <div className="cdc-LibraryProfile-actions">
            <button
              type="submit"
              className="jp-Button jp-mod-styled jp-mod-accept"
              disabled={saving}
            >
              {trans.__('Save')}
            </button>
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              onClick={() => setEditing(false)}
            >
              {trans.__('Cancel')}
            </button>
          </div>
        </form>
      )}
      <p className="cdc-Library-note" role="status">
        {status}
      </p>
    </section>
  );
}

/** A group of checkboxes, one per taxonomy entry, laid out in columns. */
function Choices(props: {
  legend: string;
  name: string;
  entries: readonly ITaxonomyEntry[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}): JSX.Element {
  const { chosen } = props;
  return (
    <fieldset className="cdc-LibraryProfile-choices" style={Private.columns}>
      <legend>{props.legend}</legend>
      {props.entries.map(entry => (
        <label key={entry.id} className="cdc-LibraryProfile-choice">
          <input
            type="checkbox"
            name={props.name}
            value={entry.id}
            checked={chosen.includes(entry.id)}
            onChange={() =>
              props.onChange(
                chosen.includes(entry.id)
                  ? chosen.filter(id => id !== entry.id)
                  : [...chosen, entry.id]
              )
            }
          />
          {entry.label}
        </label>
      ))}
    </fieldset>
  );
}

namespace Private {
  // Columns of checkboxes: twenty subjects fit a few lines at 1366×768.
  export const columns: React.CSSProperties = {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(14em, 1fr))',
    gap: '2px 12px'
  };
}
