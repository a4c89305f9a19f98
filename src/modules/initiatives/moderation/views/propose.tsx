import { FormFields, type Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { MapTiles } from '#modules/initiatives/resources/settings.ts';
import { MapIsland } from '#modules/initiatives/views/map.tsx';
import { proposeForm } from '../forms.ts';

/** The proposal form: what is public and what is not is said at each field and above the form. */
export function ProposePage(props: { page: PageContext; raw: Raw; errors: FieldErrors; tiles: MapTiles }) {
  const { t } = props.page;
  return (
    <>
      <Heading lead={t('initiatives:moderation.propose.lead')}>{t('initiatives:moderation.propose.title')}</Heading>
      <ErrorSummary page={props.page} errors={props.errors} />
      <p>{t('initiatives:moderation.propose.how')}</p>
      <PostForm page={props.page} action="/initiativen/vorschlagen" files>
        <FormFields
          page={props.page}
          form={proposeForm}
          raw={props.raw}
          errors={props.errors}
          after={{ longitude: <MapIsland page={props.page} points={[]} tiles={props.tiles} pick={{ latitudeField: 'latitude', longitudeField: 'longitude' }} id="vorschlag-karte" /> }}
        />
        <SubmitButton label={t('initiatives:moderation.propose.submit')} />
      </PostForm>
    </>
  );
}

