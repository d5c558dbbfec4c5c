"""The only reads public pages make: published, consented and de-personalized data.

Every function returns plain frozen dataclasses (never model instances, ``cards``), so a template
cannot follow a relation to a person. Nothing here reads a name: programs are described by form,
role model, directions, dates and stage; cases only when the program is finished, the curator
shows the case, and every participant has an active consent to publication and has not withdrawn
the personal-data consent (``cases.published_cases``). Results are kept by ``core.cache``
(any write to what they read makes them stale at once); a municipality's page gathers the same
cases from all its kindergartens. Long lists come one page at a time (``Paged``), by Django's
paginator rules. One module per page family; callers use ``selectors.about`` and the like.
"""

from public.selectors.area import (  # noqa: F401
    AREA_CASES_PER_PAGE,
    area_cases_page,
    area_for_slug,
    area_kindergartens,
    municipalities,
)
from public.selectors.cards import (  # noqa: F401
    About,
    Area,
    AreaCaseCard,
    AreaLink,
    CaseCard,
    Documents,
    EventCard,
    FileCard,
    Kindergarten,
    LocalAct,
    NewsCard,
    Paged,
    Practices,
    ProgramCard,
    Site,
    StageCard,
)
from public.selectors.cases import case, practices, published_cases, visible_cases  # noqa: F401
from public.selectors.cycle import about, current_cycle  # noqa: F401
from public.selectors.files import (  # noqa: F401
    LOCAL_ACT_KINDS,
    LOCAL_ACTS_PER_PAGE,
    documents,
    local_acts_page,
    materials,
    published_file,
)
from public.selectors.news_items import (  # noqa: F401
    news,
    news_image,
    news_item,
    news_preview,
    published_between,
)
from public.selectors.partners import JointEventCard, PartnerCard, Partners, partners  # noqa: F401
from public.selectors.programs import PROGRAM_LISTS, PROGRAMS_PER_PAGE, programs_page  # noqa: F401
from public.selectors.site import (  # noqa: F401
    FINISHED,
    LIST_LIMIT,
    RUNNING,
    all_sites,
    program_counts,
    site_for_slug,
)
