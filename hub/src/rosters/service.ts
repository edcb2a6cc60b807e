import { ClassService, IClassCaller, UAI_PATTERN } from '../classes/service';
import {
  academyName,
  EstablishmentAcademies
} from '../establishments/academies';
import { DomainError, trans } from '../errors';
import { isValidUserName } from '../users/names';
import { UserService } from '../users/service';
import { hasControlCharacters } from '../util/text';
import { CsvError, parseCsvTable } from './csv';
import {
  ABOVE_SCHOOL_ORG_TYPES,
  ACADEMY_ORG_TYPE,
  academyOfDistrict,
  cleanUserName,
  ENROLLMENT_ROLES,
  REQUIRED,
  ROSTER_FILES,
  RosterFile,
  USER_ROLES
} from './oneroster';

/**
 * The text of each OneRoster CSV file, by file name.
 */
export type RosterFiles = Partial<Record<RosterFile, string>>;

/**
 * What an import counts, per kind of object.
 */
export interface IRosterCounts {
  establishments: number;
  users: number;
  classes: number;
  enrollments: number;
}

/**
 * A row (or a whole file, line 1) that was not imported, and why (French).
 */
export interface IRejection {
  file: RosterFile;
  line: number;
  reason: string;
}

/**
 * The answer to an import: what was created, what was already there and changed (an
 * establishment's academy), what was already there as it is, what was refused.
 */
export interface IRosterReport {
  created: IRosterCounts;
  updated: IRosterCounts;
  unchanged: IRosterCounts;
  rejected: IRejection[];
}

/**
 * The services an import writes through, bound to one database transaction.
 */
export interface IRosterServices {
  users: UserService;
  classes: ClassService;
  /** Establishments' academies (the establishments module). */
  academies: Pick<EstablishmentAcademies, 'of' | 'set'>;
}

/**
 * Run work in one transaction with services bound to it; roll back if it throws.
 */
export type RosterTransaction = <T>(
  work: (services: IRosterServices) => Promise<T>
) => Promise<T>;

/**
 * The largest import accepted, all files together (bytes of UTF-8).
 */
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/**
 * OneRoster 1.1 CSV import: establishments from orgs (with their academy: the
 * `district` org above them), users, classes, enrollments.
 *
 * Everything happens in one transaction. Bad rows are refused and reported, the others
 * imported; an unexpected error rolls everything back. Objects are matched by their
 * OneRoster `sourcedId`, so importing the same files again creates nothing.
 */
export class RosterService {
  constructor(
    private readonly _transaction: RosterTransaction,
    private readonly _log: { info: (object: unknown, message: string) => void }
  ) {}

  /**
   * Import OneRoster files on `importer`'s behalf: enrolments follow the same rules as
   * the class pages' and the API's ({@link ClassService.enrol}); a refused one is a
   * rejected row.
   *
   * @throws {DomainError} 413 beyond {@link MAX_ROSTER_BYTES}.
   */
  async importOneRoster(
    files: RosterFiles,
    importer: IClassCaller
  ): Promise<IRosterReport> {
    const size = ROSTER_FILES.reduce(
      (total, file) => total + Buffer.byteLength(files[file] ?? '', 'utf8'),
      0
    );
    if (size > MAX_ROSTER_BYTES) {
      throw new DomainError(
        'too_large',
        trans.__('Import too large: 5 MB at most for all the files together.')
      );
    }
    const report = await this._transaction(services =>
      new Private.Import(services, importer).run(files)
    );
    // Counts only: rows may name pupils.
    this._log.info(
      {
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected.length
      },
      'OneRoster import'
    );
    return report;
  }
}

namespace Private {
  type Row = { line: number; values: Record<string, string> };

  /** An org's OneRoster type, lower-case (empty when the file has no `type`). */
  export function orgType(values: Record<string, string>): string {
    return (values.type ?? '').trim().toLowerCase();
  }

  /** The orgs of a file by `sourcedId`: their type, name and parent. */
  export function orgTree(
    rows: Row[]
  ): Map<string, { type: string; name: string; parent: string }> {
    // A district to be deleted names no academy any more.
    const kept = rows.filter(
      row => row.values.status?.trim().toLowerCase() !== 'tobedeleted'
    );
    return new Map(
      kept.map(row => [
        (row.values.sourcedId ?? '').trim(),
        {
          type: orgType(row.values),
          name: row.values.name ?? '',
          parent: (row.values.parentSourcedId ?? '').trim()
        }
      ])
    );
  }

  const zero = (): IRosterCounts => ({
    establishments: 0,
    users: 0,
    classes: 0,
    enrollments: 0
  });

  /**
   * A refused row: thrown by the row handlers, caught and reported by the loop.
   */
  class Rejected extends Error {}

  export class Import {
    constructor(
      private readonly _services: IRosterServices,
      private readonly _importer: IClassCaller
    ) {}

    private readonly _report: IRosterReport = {
      created: zero(),
      updated: zero(),
      unchanged: zero(),
      rejected: []
    };

    /** The orgs of `orgs.csv` by `sourcedId`, read before its rows are imported. */
    private _orgs = new Map<
      string,
      { type: string; name: string; parent: string }
    >();

    async run(files: RosterFiles): Promise<IRosterReport> {
      for (const file of ROSTER_FILES) {
        const text = files[file];
        if (text === undefined) {
          continue;
        }
        let rows: Row[];
        try {
          rows = parseCsvTable(text, REQUIRED[file].columns).rows;
        } catch (error) {
          if (error instanceof CsvError) {
            this._reject(
              file,
              error.line,
              `fichier illisible (${error.message})`
            );
            continue;
          }
          throw error;
        }
        if (file === 'orgs.csv') {
          this._orgs = orgTree(rows);
        }
        for (const row of rows) {
          try {
            this._checkRow(file, row);
            await this._importRow(file, row.values);
          } catch (error) {
            if (error instanceof Rejected || error instanceof DomainError) {
              this._reject(file, row.line, error.message);
              continue;
            }
            throw error;
          }
        }
      }
      return this._report;
    }

    private _reject(file: RosterFile, line: number, reason: string): void {
      this._report.rejected.push({ file, line, reason });
    }

    private _checkRow(file: RosterFile, row: Row): void {
      const empty = REQUIRED[file].values.filter(
        name => !row.values[name]?.trim()
      );
      if (empty.length) {
        throw new Rejected(`champ obligatoire vide : ${empty.join(', ')}`);
      }
      for (const [name, value] of Object.entries(row.values)) {
        if (hasControlCharacters(value)) {
          throw new Rejected(`caractère de contrôle dans « ${name} »`);
        }
      }
      if (row.values.sourcedId.length > 255) {
        throw new Rejected('sourcedId trop long');
      }
      if (row.values.status?.trim().toLowerCase() === 'tobedeleted') {
        throw new Rejected(
          'suppression (status tobedeleted) non prise en charge'
        );
      }
    }

    private _importRow(
      file: RosterFile,
      values: Record<string, string>
    ): Promise<void> {
      switch (file) {
        case 'orgs.csv':
          return this._org(values);
        case 'users.csv':
          return this._user(values);
        case 'classes.csv':
          return this._class(values);
        case 'enrollments.csv':
          return this._enrollment(values);
      }
    }

    private async _org(values: Record<string, string>): Promise<void> {
      const { classes, academies } = this._services;
      const sourceId = values.sourcedId.trim();
      const type = orgType(values);
      if (ABOVE_SCHOOL_ORG_TYPES.includes(type)) {
        // Not an establishment; a district's name is checked as an academy's here, so
        // that a bad one is reported on its own line.
        if (type === ACADEMY_ORG_TYPE) {
          academyName(academyOfDistrict(values.name));
        }
        return;
      }
      const academy = this._academyOf(values.parentSourcedId);
      const existing = await classes.getEstablishmentBySourceId(sourceId);
      if (existing) {
        // An export without the school's academy leaves the one it has.
        if (academy !== null && (await academies.of(existing.id)) !== academy) {
          await academies.set(existing.id, academy);
          this._report.updated.establishments++;
        } else {
          this._report.unchanged.establishments++;
        }
        return;
      }
      const identifier = (values.identifier ?? '').trim().toUpperCase();
      const created = await classes.createEstablishment({
        name: values.name,
        uai: UAI_PATTERN.test(identifier) ? identifier : null,
        sourceId
      });
      if (academy !== null) {
        await academies.set(created.id, academy);
      }
      this._report.created.establishments++;
    }

    /**
     * The academy above an org: the first `district` up its `parentSourcedId`s in this
     * file (null: none, or its name is not an academy's).
     */
    private _academyOf(parentSourcedId: string | undefined): string | null {
      const seen = new Set<string>();
      let id = (parentSourcedId ?? '').trim();
      while (id && !seen.has(id)) {
        seen.add(id);
        const org = this._orgs.get(id);
        if (!org) {
          return null;
        }
        if (org.type === ACADEMY_ORG_TYPE) {
          try {
            return academyName(academyOfDistrict(org.name));
          } catch {
            return null;
          }
        }
        id = org.parent;
      }
      return null;
    }

    private async _user(values: Record<string, string>): Promise<void> {
      const { users } = this._services;
      const sourceId = values.sourcedId.trim();
      const role = USER_ROLES[values.role.trim().toLowerCase()];
      if (!role) {
        throw new Rejected(
          `rôle non pris en charge : « ${values.role.trim()} »`
        );
      }
      const name = cleanUserName(values.username);
      if (!isValidUserName(name)) {
        throw new Rejected(
          'nom d’utilisateur invalide : lettres minuscules, chiffres, « . », « - » et « _ », 64 caractères au plus'
        );
      }
      if (await users.getBySourceId(sourceId)) {
        this._report.unchanged.users++;
        return;
      }
      const displayName =
        `${values.givenName.trim()} ${values.familyName.trim()}`.trim() || name;
      try {
        await users.create({ name, displayName, roles: [role], sourceId });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'name_taken') {
          throw new Rejected(
            'nom d’utilisateur déjà utilisé par un compte qui ne vient pas de cet annuaire'
          );
        }
        throw error;
      }
      this._report.created.users++;
    }

    private async _class(values: Record<string, string>): Promise<void> {
      const { classes } = this._services;
      const sourceId = values.sourcedId.trim();
      const school = await classes.getEstablishmentBySourceId(
        values.schoolSourcedId.trim()
      );
      if (!school) {
        throw new Rejected('établissement inconnu (schoolSourcedId)');
      }
      if (await classes.getBySourceId(sourceId)) {
        this._report.unchanged.classes++;
        return;
      }
      const level = (values.grades ?? '').split(',')[0].trim() || null;
      await classes.create({
        name: values.title,
        level,
        establishmentId: school.id,
        sourceId
      });
      this._report.created.classes++;
    }

    private async _enrollment(values: Record<string, string>): Promise<void> {
      const { classes, users } = this._services;
      const membership = ENROLLMENT_ROLES[values.role.trim().toLowerCase()];
      if (!membership) {
        throw new Rejected(
          `rôle d’inscription non pris en charge : « ${values.role.trim()} »`
        );
      }
      const klass = await classes.getBySourceId(values.classSourcedId.trim());
      if (!klass) {
        throw new Rejected('classe inconnue (classSourcedId)');
      }
      const user = await users.getBySourceId(values.userSourcedId.trim());
      if (!user) {
        throw new Rejected('utilisateur inconnu (userSourcedId)');
      }
      const current = await classes.membership(klass.id, user.id);
      if (current === membership) {
        this._report.unchanged.enrollments++;
        return;
      }
      await classes.enrol(this._importer, klass.id, user, membership);
      this._report.created.enrollments++;
    }
  }
}
